/// A 64-bit fingerprint of a packed state, never 0 (0 marks an empty slot in `VisitedSet`).
///
/// Storing fingerprints instead of states is what TLC does: 8 bytes a state whatever the state's
/// size, at the price of a collision probability of about n²/2⁶⁵ for n states, which the
/// statistics report.
@inlinable
func fingerprint(_ words: UnsafeBufferPointer<UInt64>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(words.count &+ 1)
    for w in words {
        h = mix(h ^ mix(w &+ 0x632B_E59B_D9B4_E019))
    }
    return h == 0 ? 1 : h
}

/// The splitmix64 finaliser: every input bit flips about half the output bits.
@inlinable
func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
