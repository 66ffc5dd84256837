#!/usr/bin/env python3
# Usage: python3 scripts/sqlite-floor.py — compare with `make bench`.
# Floor: SQLite alone inserting 100,000 prepared persons + inquiries + name-index rows into
# Homeward's schema (same PRAGMAs, one transaction), driven from Python's sqlite3 module.
import glob, os, sqlite3, sys, tempfile, time, random
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
path = os.path.join(tempfile.mkdtemp(), 'floor.db')
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=FULL"); db.execute("PRAGMA foreign_keys=ON"); db.execute("PRAGMA cache_size=-65536")
for f in sorted(glob.glob(os.path.join(root, 'schema', '*.sql'))):
    db.executescript(open(f).read())
db.execute("INSERT INTO app_user(name,role,password_hash,created_at,password_changed_at) VALUES('olena','coordinator','$argon2id$x','t','t')")
random.seed(1)
fams=[''.join(random.choice('abcdefghijklmnop') for _ in range(8)) for _ in range(3000)]
t=time.time(); db.execute("BEGIN IMMEDIATE")
for i in range(100000):
    cur=db.execute("INSERT INTO person (family_name, given_name, patronymic, family_name_latin, given_name_latin, patronymic_latin, sex, date_of_birth, service_number, service_number_key, unit, rank, last_known_region, last_known_place, last_seen_from, last_seen_to, circumstances, distinguishing_features, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      ('Шевченко','Олексій','Петрович','Shevchenko','Oleksii','Petrovych','male','1994-03-12','AB%d'%i,'AB%d'%i,'93','sgt','UA-14','Bakhmut','2023-05-20','2023-05-20',None,None,'2026-01-01T00:00:00.000Z','2026-01-01T00:00:00.000Z'))
    pid=cur.lastrowid
    db.execute("INSERT INTO person_name(rowid, family, given, patronymic) VALUES (?,?,?,?)",(pid,random.choice(fams),'oleksi','petrovic'))
    db.execute("INSERT INTO inquiry (reference, person_id, inquirer_name, relationship, phone, email, language, consent_tracing, consent_dna, consent_sharing, channel, received_on, coordinator_id, notes, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      ('HW-2025-%06d-K'%i,pid,'Шевченко Марія','мати','+380501234567',None,'uk',1,0,None,'hotline','2025-01-01',1,'note','2026-01-01T00:00:00.000Z','2026-01-01T00:00:00.000Z'))
db.execute("COMMIT")
print("SQLite floor (Python-driven, Homeward schema): %.2f s"%(time.time()-t))
