public import Foundation

/// The RFC 2822 date of a signed request, `Tue, 21 Aug 2012 17:29:18 -0000`, always UTC and in
/// English, whatever the host's locale (formatted by hand, not by a locale-dependent formatter).
///
/// Both directions cover the years 1 to 9999 (the range of Python's `email.utils`, which Duo's
/// clients use) and refuse anything else with a typed error: a hostile `Date` header cannot
/// make the arithmetic overflow, and a wildly wrong clock cannot make formatting trap.
public enum DuoDate {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds since 1970.
    private static let supportedSeconds: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// Formats a date as Duo's Python client does (`email.utils.formatdate()`, zone `-0000`).
    ///
    /// - Parameter date: The time to format (fractions of a second are dropped).
    /// - Returns: The header value.
    /// - Throws: ``DuoAuthError/invalidArgument(_:)`` when the date is not in the years 1 to 9999
    ///   (only a broken clock, or a clock offset far too large, produces such a date).
    public static func format(_ date: Date) throws(DuoAuthError) -> String {
        let interval = date.timeIntervalSince1970.rounded(.down)
        guard interval.isFinite, let seconds = Int64(exactly: interval), supportedSeconds.contains(seconds) else {
            throw .invalidArgument("the clock reads a time outside the years 1 to 9999; check this server's clock and any OffsetWallClock offset")
        }
        // Within the supported range none of the arithmetic below can overflow.
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - dayNumber * 86_400
        let weekday = days[Int(((dayNumber % 7) + 7) % 7)]
        // Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        func four(_ value: Int64) -> String { String(repeating: "0", count: max(0, 4 - String(value).count)) + String(value) }
        return "\(weekday), \(two(day)) \(months[Int(month - 1)]) \(four(year)) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) -0000"
    }

    /// Parses the format ``format(_:)`` writes (any zone of the form `±HHMM` or `GMT`). Used by
    /// `DuoTesting`'s fake to check the freshness of a request.
    ///
    /// Every field is range-checked before any arithmetic: day 1–31 (and valid for the month),
    /// year 1–9999, hour 0–23, minute 0–59, second 0–60, zone offset below 24 hours.
    ///
    /// - Parameter text: The `Date` header value.
    /// - Returns: The time it names.
    /// - Throws: ``DuoAuthError/invalidArgument(_:)`` naming what is wrong (never the text itself
    ///   beyond its length).
    public static func parse(_ text: String) throws(DuoAuthError) -> Date {
        func fail(_ reason: String) -> DuoAuthError { .invalidArgument("the Date header is not an RFC 2822 date: \(reason)") }
        guard text.utf8.count <= 64 else { throw fail("it is longer than 64 bytes") }
        let parts = text.split(separator: " ")
        guard parts.count == 6 else { throw fail("expected 'Day, DD Mon YYYY HH:MM:SS ±HHMM'") }
        guard let day = number(parts[1], digits: 1...2), (1...31).contains(day) else { throw fail("the day is not 1 to 31") }
        guard let monthIndex = months.firstIndex(of: String(parts[2])) else { throw fail("the month is not an English abbreviation") }
        guard let year = number(parts[3], digits: 4...4), (1...9999).contains(year) else { throw fail("the year is not 0001 to 9999") }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, let hour = number(clock[0], digits: 2...2), let minute = number(clock[1], digits: 2...2),
              let second = number(clock[2], digits: 2...2), hour < 24, minute < 60, second <= 60 else {
            throw fail("the time is not HH:MM:SS")
        }
        var offset = 0
        let zone = parts[5]
        if zone != "GMT" {
            guard zone.utf8.count == 5, let sign = zone.first, sign == "+" || sign == "-",
                  let hours = number(zone.dropFirst().prefix(2), digits: 2...2), let minutes = number(zone.suffix(2), digits: 2...2),
                  hours < 24, minutes < 60 else {
                throw fail("the zone is not GMT or ±HHMM")
            }
            offset = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        }
        let month = monthIndex + 1
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthLength = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][monthIndex]
        guard day <= monthLength else { throw fail("the day does not exist in that month") }
        // days-from-civil; every input is bounded above, so no step can overflow.
        let y = year - (month <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// A decimal number of exactly the given count of ASCII digits (no sign, no spaces).
    private static func number<S: StringProtocol>(_ text: S, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text)
    }
}
