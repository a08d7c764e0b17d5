/// The optional kinds of step a spec may switch on (`events:`).
///
/// Spelled as the author thinks of them rather than as `Configuration` names them
/// (`grow-failure` is `growMayFail`).
enum Event: String, CaseIterable {
    case interrupts, reap
    case growFailure = "grow-failure"
    case migration, tuning

    /// The `Configuration` field that a `ConfigurationProblem` uses to blame this event.
    var configurationField: String {
        switch self {
        case .interrupts: "interrupts"
        case .reap: "reap"
        case .growFailure: "growMayFail"
        case .migration: "migration"
        case .tuning: "tuning"
        }
    }
}
