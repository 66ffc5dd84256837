extension CalendarDate {
    /// Days since 1970-01-01 (negative before), for date differences in matching.
    ///
    /// Howard Hinnant's `days_from_civil`: exact for the proleptic Gregorian calendar.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension PartialDate {
    /// The middle day of the range the partial date covers (1994 → 1994-07-02), as a day number.
    var middleDayNumber: Int {
        (range.from.dayNumber + range.to.dayNumber) / 2
    }
}
