import SlabModel

/// What a step property may ask about the step itself: which step it was, and its arguments.
///
/// Concretely that is the `SlabAction`; symbolically it is a formula over the selector that picks
/// the action, so the evaluator asks through closures and stays one piece of code.
public struct StepFacts<V: ModelValue> {
    public var isStep: ([String]) -> V.Condition
    public var argument: (String) -> V

    public init(isStep: @escaping ([String]) -> V.Condition, argument: @escaping (String) -> V) {
        self.isStep = isStep
        self.argument = argument
    }
}

extension StepFacts where V == Int {
    public init(_ action: SlabAction) {
        self.init(
            isStep: { $0.contains(action.name) },
            argument: { name in action.arguments.first { $0.name == name }?.value ?? -1 })
    }
}
