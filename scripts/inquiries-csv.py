#!/usr/bin/env python3
"""Writes N fictional inquiries as an `homeward inquiry import` file on stdout (seeded, so the
same N gives the same bytes): the family names the load script searches for, in Cyrillic and
Latin, with phones in the +380 44 000 xx xx demo range and e-mails at example.org.

    python3 scripts/inquiries-csv.py 300 > inquiries.csv
"""
import csv
import random
import sys

FAMILY = ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Мельник", "Кравченко", "Олійник", "Шевчук",
          "Бойко", "Коваль", "Поліщук", "Лисенко", "Руденко", "Савченко", "Петренко", "Марченко"]
GIVEN = ["Андрій", "Олександр", "Сергій", "Іван", "Дмитро", "Микола", "Юрій", "Тарас", "Богдан", "Василь"]
FATHERS = ["Петрович", "Іванович", "Миколайович", "Сергійович", "Олександрович", "Васильович"]
REGIONS = ["Донецька", "Луганська", "Харківська", "Запорізька", "Херсонська", "Сумська"]
PLACES = ["Бахмут", "Авдіївка", "Часів Яр", "Соледар", "Лиман", "Покровськ", "Ізюм"]
RELATIONSHIPS = ["мати", "батько", "дружина", "сестра", "брат", "mother", "wife"]
HEADER = ["family_name", "given_name", "patronymic", "date_of_birth", "sex", "service_number", "unit", "rank",
          "last_known_region", "last_known_place", "date_last_seen", "inquirer_name", "relationship", "phone",
          "email", "language", "consent_tracing", "received_on", "notes"]


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rng = random.Random(11)
    out = csv.writer(sys.stdout, lineterminator="\r\n")
    out.writerow(HEADER)
    for n in range(rows):
        family = rng.choice(FAMILY)
        out.writerow([
            family, rng.choice(GIVEN), rng.choice(FATHERS),
            f"{rng.randint(1965, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "male",
            f"АВ{100000 + n}", f"{rng.randint(1, 150)} ОМБр", "солдат",
            rng.choice(REGIONS), rng.choice(PLACES),
            f"{rng.randint(2022, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"{family} {rng.choice(['Олена', 'Марія', 'Ірина'])}", rng.choice(RELATIONSHIPS),
            f"+380 44 000 {n // 100 % 100:02d} {n % 100:02d}", f"family{n}@example.org",
            rng.choice(["uk", "uk", "en", "ru"]), "yes",
            f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            rng.choice(["", "", "дзвонила двічі", "has photos of the unit"]),
        ])


if __name__ == "__main__":
    main()
