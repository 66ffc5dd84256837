#ifndef HOMEWARD_CPHONENUMBER_H
#define HOMEWARD_CPHONENUMBER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Why a text is not a phone number, or HW_PHONE_OK.
typedef enum {
    HW_PHONE_OK = 0,
    /// No digits that form a number, or input too long to be one.
    HW_PHONE_NOT_A_NUMBER = 1,
    /// The digits after '+' or 00 start with no country calling code.
    HW_PHONE_INVALID_COUNTRY_CODE = 2,
    /// Too few digits for any number of the country.
    HW_PHONE_TOO_SHORT = 3,
    /// Too many digits for any number of the country.
    HW_PHONE_TOO_LONG = 4,
    /// A length between the country's shortest and longest that no number of it has.
    HW_PHONE_INVALID_LENGTH = 5,
    /// The national number starts with the country's trunk prefix (a 0 after +380),
    /// which libphonenumber would silently drop.
    HW_PHONE_TRUNK_PREFIX = 6,
    /// The buffer for the result is too small.
    HW_PHONE_BUFFER_TOO_SMALL = 7,
} hw_phone_status;

/// Parses `text` (UTF-8) as libphonenumber does, with `default_region` (e.g. "UA") for
/// numbers written without a country code, and checks that the number is possible
/// (IsPossibleNumberWithReason) and at most 15 digits long, as E.164 allows (longer:
/// HW_PHONE_TOO_LONG). On success writes its E.164 form, NUL-terminated, to `e164`
/// (15 digits and '+' at most, so 17 bytes suffice). `country_code` receives the
/// country calling code when one was found, else 0.
hw_phone_status hw_phone_parse(const char *text, const char *default_region,
                               char *e164, size_t capacity, int *country_code);

/// Whether libphonenumber's metadata knows the number range (IsValidNumber). Metadata ages:
/// a range opened after it was built is possible but not known.
int hw_phone_is_known_range(const char *e164);

#ifdef __cplusplus
}
#endif

#endif
