/// A property that a fuzz target asserts and an input broke.
///
/// The fuzz executables trap on one, so libFuzzer saves the input; the corpus replay test
/// records it as a failed expectation.
public struct PropertyViolation: Error, Sendable, CustomStringConvertible {
    /// The property, as a sentence that should hold ("a parsed date prints as its text").
    public let property: String
    /// The values that broke it, escaped so that a terminal shows them as they are.
    public let detail: String

    public var description: String { detail.isEmpty ? property : "\(property): \(detail)" }
}

/// Throws a ``PropertyViolation`` when `holds` is false.
@inline(__always)
func require(_ holds: Bool, _ property: @autoclosure () -> String,
             _ detail: @autoclosure () -> String = "") throws(PropertyViolation) {
    guard holds else { throw PropertyViolation(property: property(), detail: detail()) }
}

/// A value written so that control, bidi and non-ASCII characters can be read in a report.
func shown(_ value: Any) -> String {
    String(reflecting: value).unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : $0.escaped(asASCII: true) }.joined()
}
