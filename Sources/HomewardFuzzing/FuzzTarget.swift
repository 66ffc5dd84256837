import HomewardCore

/// The fuzz targets: one executable each (`fuzz-<raw value>`) and one corpus folder each
/// (`Tests/Fuzz/<raw value>/`).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Inquiry CSV files: parsing and every row's validation, as `inquiry import --dry-run`.
    case csvInquiries = "csv-inquiries"
    /// Manifest CSV files: parsing, row validation and tag checks, as `batch import-manifest --dry-run`.
    case csvManifest = "csv-manifest"
    /// `CalendarDate`, `PartialDate` and `DayRange`.
    case dates
    /// `RegionDirectory.resolve` and its suggestions.
    case regions
    /// `Transliteration.latin` and `NameKey`.
    case names
    /// `InquiryReference` and its check letter.
    case references
    /// `PhoneNumber.parse` through libphonenumber.
    case phones
    /// `PHCString(parsing:)`, the stored argon2id hash format.
    case phc

    /// Runs one input through the target's properties.
    /// - Throws: the first ``PropertyViolation`` the input causes. A crash in the code under
    ///   test is not caught: it is what the fuzzer looks for.
    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        switch self {
        case .csvInquiries: try CSVImportFuzzing.inquiries(input)
        case .csvManifest: try CSVImportFuzzing.manifest(input)
        case .dates: try DateFuzzing.check(input)
        case .regions: try RegionFuzzing.check(input)
        case .names: try NameFuzzing.check(input)
        case .references: try ReferenceFuzzing.check(input)
        case .phones: try PhoneFuzzing.check(input)
        case .phc: try PHCFuzzing.check(input)
        }
    }

    /// Builds what every input shares (the import sandbox, the region directory) before the
    /// first input, so that its one-time allocations are not taken for that input's leaks.
    public func prepare() {
        switch self {
        case .csvInquiries, .csvManifest: _ = ImportSandbox.shared
        case .regions: _ = RegionDirectory.standard
        case .dates, .names, .references, .phones, .phc: break
        }
    }

    /// The longest input worth trying: CSV files need room for a few rows, the rest are one cell.
    public var maximumInputLength: Int {
        switch self {
        case .csvInquiries, .csvManifest: 8_192
        case .dates, .references, .phones: 128
        case .regions, .names: 256
        case .phc: 320
        }
    }
}

/// Input bytes as text: invalid UTF-8 becomes U+FFFD, as it would reading a file.
func text(_ input: [UInt8]) -> String {
    String(decoding: input, as: UTF8.self)
}

/// The text without leading and trailing white space, as the core trims typed values.
func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
          let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    return String(scalars[first...last])
}
