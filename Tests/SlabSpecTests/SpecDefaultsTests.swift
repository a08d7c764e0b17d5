import SlabModel
import SlabSpec
import Testing

/// A spec says only what differs from the usual check: `variant`, `check` and `expect` default to
/// `seed`, `all` and `holds`, and `config:` starts from a named configuration.
@Suite struct SpecDefaultsTests {
    @Test func variantCheckAndExpectDefaultToSeedAllAndHolds() throws {
        let spec = try Spec.parse(specText(without: ["variant", "check", "expect"]), path: "t.spec")
        #expect(spec.variant == .seed)
        #expect(spec.properties == BuiltInProperty.allCases)
        #expect(spec.expectation == .holds)
    }

    @Test func aSpecStartsFromANamedConfigurationAndOverridesOnlyWhatDiffers() throws {
        #expect(try Spec.parse("config: small\n", path: "t.spec").configuration == .small)
        let spec = try Spec.parse("config: small\npages: 3\nevents: interrupts\n", path: "t.spec")
        var expected = Configuration.small
        expected.pages = 3
        expected.growMayFail = false
        expected.migration = false
        expected.reap = false
        #expect(spec.configuration == expected)
        let moreCpus = try Spec.parse("config: tiny\ncpus: 2\n", path: "t.spec")
        #expect(moreCpus.configuration.tasks == 2, "unwritten tasks follow a written cpus")
    }

    @Test func anUnknownConfigurationIsAnErrorWithASuggestion() {
        let found = errors("config: smal\n")
        #expect(found.count == 1)
        #expect(
            found.first?.message.hasPrefix("unknown configuration `smal`; did you mean `small`?") == true, "\(found)")
        #expect(found.first?.location == at(1, 9))
    }

    @Test func theCommandLineReplacesCheckAndExpect() throws {
        let spec = try Spec.parse(specText(), path: "t.spec")
        let overridden = try spec.overriding(
            properties: ["conservation", "tidy = freeObjects <= 4"], expect: "violates tidy")
        #expect(overridden.properties == [.conservation])
        #expect(overridden.userProperties.map(\.name) == ["tidy"])
        #expect(overridden.userProperties.first?.source == "freeObjects <= 4")
        #expect(overridden.expectation == .violatesProperty("tidy"))
        #expect(
            try spec.overriding(properties: ["freeObjects >= 0"], expect: nil).userProperties.map(\.name) == [
                "property-1"
            ])
        do {
            _ = try spec.overriding(properties: ["x = forall o in objectz: held[o] <= 1"], expect: nil)
            Issue.record("an unknown domain was accepted")
        } catch {
            #expect(
                error.errors.first?.description.hasPrefix("--property:1:17: error: unknown domain `objectz`") == true,
                "\(error)")
        }
        #expect(throws: SpecErrors.self) {
            try spec.overriding(properties: ["conservation"], expect: "violates ac-current")
        }
    }
}
