#!/usr/bin/env python3
"""Recompute Homeward's audit chain straight from the SQLite file, without Homeward.

Usage: python3 scripts/verify-audit.py DATABASE [--expect-head SEQ:HASH]

Prints `ok SEQ:HASH` (the head: the newest event's sequence number and lower-case hex hash)
and exits 0 when every event follows the one before it; otherwise prints
`broken SEQ: reason` for the first bad event and exits 1. Exit 2: the file cannot be read
as a Homeward database.

The encoding (SECURITY.md, "Audit trail"; HomewardCore/Audit/AuditChain.swift):

    hash(n) = SHA-256( prev_hash(n) || b"homeward-audit-v1" || F(seq) || F(at) || F(actor_id)
                       || F(actor_name) || F(action) || F(entity_type) || F(entity_id)
                       || F(outcome) || F(details) )
    F(NULL) = 0x00;  F(text) = 0x01 || uint32 big-endian byte length || the UTF-8 bytes
    seq and actor_id are written as decimal text; prev_hash(1) is 32 zero bytes,
    prev_hash(n) = hash(n - 1); sequence numbers run 1, 2, 3, … without gaps.

Python standard library only (sqlite3, hashlib). The file is opened read-only.
"""

import hashlib
import pathlib
import sqlite3
import struct
import sys

DOMAIN = b"homeward-audit-v1"
GENESIS = bytes(32)
FIELDS = ("seq", "at", "actor_id", "actor_name", "action", "entity_type", "entity_id", "outcome", "details")


def field(value):
    if value is None:
        return b"\x00"
    if isinstance(value, int):
        value = str(value).encode("ascii")
    elif isinstance(value, str):
        value = value.encode("utf-8")
    # bytes: TEXT columns are read as their stored bytes (text_factory = bytes below).
    return b"\x01" + struct.pack(">I", len(value)) + value


def event_hash(prev_hash, row):
    digest = hashlib.sha256()
    digest.update(prev_hash)
    digest.update(DOMAIN)
    for value in row:
        digest.update(field(value))
    return digest.digest()


def open_read_only(path):
    return sqlite3.connect(pathlib.Path(path).resolve().as_uri() + "?mode=ro", uri=True)


def verify(path):
    """Returns (head_seq, head_hex) or raises ChainBroken(seq, reason)."""
    connection = open_read_only(path)
    connection.text_factory = bytes
    try:
        rows = connection.execute(
            "SELECT " + ", ".join(FIELDS) + ", prev_hash, hash FROM audit_event ORDER BY seq")
        expected_seq, previous, head = 1, GENESIS, (0, GENESIS.hex())
        for row in rows:
            seq, prev_hash, stored = row[0], row[-2], row[-1]
            if seq != expected_seq:
                raise ChainBroken(expected_seq, "event %d is missing (next found is %d)" % (expected_seq, seq))
            if prev_hash != previous:
                raise ChainBroken(seq, "previous-hash link differs from event %d's hash" % (seq - 1))
            if event_hash(prev_hash, row[:-2]) != stored:
                raise ChainBroken(seq, "its hash does not match its contents")
            previous, expected_seq, head = stored, seq + 1, (seq, stored.hex())
        return head
    finally:
        connection.close()


class ChainBroken(Exception):
    def __init__(self, seq, reason):
        super().__init__(reason)
        self.seq, self.reason = seq, reason


def main(argv):
    expect = None
    if len(argv) == 4 and argv[2] == "--expect-head":
        expect = argv[3].lower()
    elif len(argv) != 2:
        print("usage: verify-audit.py DATABASE [--expect-head SEQ:HASH]", file=sys.stderr)
        return 2
    try:
        seq, digest = verify(argv[1])
        if expect is not None:
            expected_seq, _, expected_hash = expect.partition(":")
            connection = open_read_only(argv[1])
            stored = connection.execute("SELECT hash FROM audit_event WHERE seq = ?", (int(expected_seq),)).fetchone()
            connection.close()
            if stored is None:
                raise ChainBroken(int(expected_seq), "the head recorded earlier is missing: the newest events were removed")
            if stored[0].hex() != expected_hash:
                raise ChainBroken(int(expected_seq), "no longer has the hash recorded earlier: the chain was rewritten")
    except ChainBroken as broken:
        print("broken %d: %s" % (broken.seq, broken.reason))
        return 1
    except (sqlite3.Error, ValueError) as error:
        print("error: %s: %s" % (argv[1], error), file=sys.stderr)
        return 2
    print("ok %d:%s" % (seq, digest))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
