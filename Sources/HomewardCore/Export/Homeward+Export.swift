import Foundation
import GRDB

/// What a full export wrote: counts, never content.
public struct ExportSummary: Sendable, Equatable {
    /// The migration the database is at, e.g. "0004_matching".
    public var schemaVersion: String
    /// Rows written, by table.
    public var rowCounts: [String: Int]
    /// The secret columns left out.
    public var withheld: [WithheldColumn]

    public var totalRows: Int { rowCounts.values.reduce(0, +) }
}

/// Failures of the full export.
public enum ExportError: HomewardFailure, Equatable {
    /// The target file exists: an export never overwrites (exit 73).
    case targetExists(path: String)

    public var kind: FailureKind { .cannotCreateOutput }

    public var errorDescription: String? {
        switch self {
        case let .targetExists(path): "\(path) already exists and is never overwritten; choose a new file name"
        }
    }
}

extension Homeward {
    /// Writes the whole database as one `homeward-export` JSON document into a new file of
    /// mode 0600, in a folder only the user can write. Secrets (``ExportPolicy``) are left
    /// out. Admins and auditors only; audited as `export.json` with row counts.
    ///
    /// - Throws: ``ExportError/targetExists(path:)`` rather than overwrite a file;
    ///   ``PrivateFileError`` for an unsafe folder or a failed write (the partial file is removed).
    @discardableResult
    public func exportDatabase(_ actor: Actor, toFile path: String) throws -> ExportSummary {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        try authorize(actor, .exportDatabase, action: "export.json", entityType: "file", entityID: fileName)
        return try recordingFailure("export.json", by: actor, entityType: "file", entityID: fileName) {
            try PrivateFile.writeNew(at: path) { sink in
                let summary = try snapshot(actor, sink)
                try auditExport(summary, by: actor, entityType: "file", entityID: fileName)
                return summary
            }
        }
    }

    /// Streams the whole database as one `homeward-export` JSON document to `sink` in chunks
    /// (e.g. standard output). Same rules as ``exportDatabase(_:toFile:)``.
    @discardableResult
    public func exportDatabase(_ actor: Actor, writing sink: @escaping (Data) throws -> Void) throws -> ExportSummary {
        try authorize(actor, .exportDatabase, action: "export.json")
        return try recordingFailure("export.json", by: actor) {
            let summary = try snapshot(actor, sink)
            try auditExport(summary, by: actor)
            return summary
        }
    }

    /// Writes the document from one read transaction, so it is one consistent state.
    private func snapshot(_ actor: Actor, _ sink: @escaping (Data) throws -> Void) throws -> ExportSummary {
        var out = JSONStreamWriter(sink: sink)
        let header = ExportDocument.Header(exportedAt: Timestamp.text(now), exportedBy: actor.name)
        let (plan, rows, version) = try read { db in
            let (plan, rows) = try ExportDocument.write(db, header, to: &out)
            return (plan, rows, try Migrations.migrator.appliedIdentifiers(db).sorted().last ?? "")
        }
        return ExportSummary(schemaVersion: version, rowCounts: rows, withheld: plan.withheld)
    }

    /// The `export.json` event: who, and how many rows of each table; never content.
    private func auditExport(_ summary: ExportSummary, by actor: Actor, entityType: String? = nil, entityID: String? = nil) throws {
        var details = [
            "format": "json", "schema_version": summary.schemaVersion, "tables": String(summary.rowCounts.count),
            "rows": String(summary.totalRows),
            "withheld": summary.withheld.map { "\($0.table).\($0.column)" }.joined(separator: ","),
        ]
        for (table, count) in summary.rowCounts { details["rows." + table] = String(count) }
        try write { db in
            try audit(AuditEntry(action: "export.json", entityType: entityType, entityID: entityID, details: details), by: actor, in: db)
        }
    }
}
