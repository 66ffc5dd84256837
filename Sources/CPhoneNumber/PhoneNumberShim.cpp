// A C interface to libphonenumber's PhoneNumberUtil, which is thread-safe once created.
#include "CPhoneNumber.h"

#include <phonenumbers/phonenumberutil.h>

#include <cstring>
#include <string>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

constexpr size_t kMaxE164Digits = 15;

hw_phone_status fromParseError(PhoneNumberUtil::ErrorType error) {
    switch (error) {
    case PhoneNumberUtil::NO_PARSING_ERROR: return HW_PHONE_OK;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: return HW_PHONE_INVALID_COUNTRY_CODE;
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN: return HW_PHONE_TOO_SHORT;
    case PhoneNumberUtil::TOO_LONG_NSN: return HW_PHONE_TOO_LONG;
    case PhoneNumberUtil::NOT_A_NUMBER:
    default: return HW_PHONE_NOT_A_NUMBER;
    }
}

hw_phone_status fromReason(PhoneNumberUtil::ValidationResult reason) {
    switch (reason) {
    case PhoneNumberUtil::IS_POSSIBLE: return HW_PHONE_OK;
    // Dialable only within its area: the area code is missing.
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY: return HW_PHONE_TOO_SHORT;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE: return HW_PHONE_INVALID_COUNTRY_CODE;
    case PhoneNumberUtil::TOO_SHORT: return HW_PHONE_TOO_SHORT;
    case PhoneNumberUtil::TOO_LONG: return HW_PHONE_TOO_LONG;
    case PhoneNumberUtil::INVALID_LENGTH:
    default: return HW_PHONE_INVALID_LENGTH;
    }
}

}  // namespace

extern "C" hw_phone_status hw_phone_parse(const char *text, const char *default_region,
                                          char *e164, size_t capacity, int *country_code) {
    if (country_code) *country_code = 0;
    if (!text || !default_region || !e164) return HW_PHONE_NOT_A_NUMBER;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    // "+44 (0)20 …" marks the trunk prefix as left out when calling from abroad.
    std::string input(text);
    const size_t start = input.find_first_not_of(" \t");
    if (start != std::string::npos && (input[start] == '+' || input.compare(start, 2, "00") == 0)) {
        for (size_t mark; (mark = input.find("(0)")) != std::string::npos;) input.erase(mark, 3);
    }
    PhoneNumber number;
    hw_phone_status status = fromParseError(util->ParseAndKeepRawInput(input, default_region, &number));
    if (status != HW_PHONE_OK) return status;
    if (country_code) *country_code = number.country_code();
    status = fromReason(util->IsPossibleNumberWithReason(number));
    if (status != HW_PHONE_OK) return status;

    // libphonenumber drops a trunk prefix written after the country code ("+380 067…") and
    // keeps one it could not strip ("067 123 45 6" becomes +380067123456): either way the
    // digits typed are not the number stored, so one of them is wrong.
    std::string national;
    util->GetNationalSignificantNumber(number, &national);
    // (Countries whose numbers may start with 0, like Italy, have no trunk prefix.)
    std::string region;
    util->GetRegionCodeForCountryCode(number.country_code(), &region);
    std::string trunk;
    util->GetNddPrefixForRegion(region, true, &trunk);
    const PhoneNumber::CountryCodeSource source = number.country_code_source();
    if (!trunk.empty() && national.compare(0, trunk.size(), trunk) == 0) {
        // Written nationally, the trunk 0 stays only when too few digits follow it to strip it.
        return source == PhoneNumber::FROM_DEFAULT_COUNTRY ? HW_PHONE_TOO_SHORT : HW_PHONE_TRUNK_PREFIX;
    }
    if (source == PhoneNumber::FROM_NUMBER_WITH_PLUS_SIGN || source == PhoneNumber::FROM_NUMBER_WITH_IDD) {
        std::string digits = number.raw_input();
        util->NormalizeDigitsOnly(&digits);
        const std::string typed = std::to_string(number.country_code()) + national;
        const bool exact = source == PhoneNumber::FROM_NUMBER_WITH_PLUS_SIGN
            ? digits == typed
            : digits.size() > typed.size() && digits.compare(digits.size() - typed.size(), typed.size(), typed) == 0;
        if (!exact) return HW_PHONE_TRUNK_PREFIX;
    }

    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    // E.164 allows 15 digits; libphonenumber calls longer ones possible for some countries
    // (Japan's lengths run to 17), but no such number can be dialled from abroad.
    if (formatted.size() > 1 + kMaxE164Digits) return HW_PHONE_TOO_LONG;
    if (formatted.size() + 1 > capacity) return HW_PHONE_BUFFER_TOO_SMALL;
    std::memcpy(e164, formatted.c_str(), formatted.size() + 1);
    return HW_PHONE_OK;
}

extern "C" int hw_phone_is_known_range(const char *e164) {
    if (!e164) return 0;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(e164, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return 0;
    return util->IsValidNumber(number) ? 1 : 0;
}
