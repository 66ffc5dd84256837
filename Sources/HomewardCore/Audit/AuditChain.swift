import Crypto
import Foundation

/// The hash chain over audit events.
///
/// `hash = SHA-256(prev_hash || "homeward-audit-v1" || canonical(row))`, where the canonical
/// encoding writes every field in a fixed order, each either 0x00 (null) or 0x01 followed by
/// a 4-byte big-endian length and the UTF-8 bytes. The encoding is unambiguous, so no two
/// different rows share one.
enum AuditChain {
    static let genesis = Data(repeating: 0, count: 32)
    private static let domain = Array("homeward-audit-v1".utf8)

    static func hash(of event: AuditEvent) -> Data {
        var bytes = [UInt8]()
        bytes.reserveCapacity(256)
        bytes += event.prevHash
        bytes += domain
        append(String(event.seq), to: &bytes)
        append(event.at, to: &bytes)
        append(event.actorID.map { String($0) }, to: &bytes)
        append(event.actorName, to: &bytes)
        append(event.action, to: &bytes)
        append(event.entityType, to: &bytes)
        append(event.entityID, to: &bytes)
        append(event.outcome.rawValue, to: &bytes)
        append(event.details, to: &bytes)
        return Data(SHA256.hash(data: bytes))
    }

    private static func append(_ field: String?, to bytes: inout [UInt8]) {
        guard let field else {
            bytes.append(0)
            return
        }
        let utf8 = Array(field.utf8)
        bytes.append(1)
        let count = UInt32(utf8.count)
        bytes += [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
        bytes += utf8
    }
}
