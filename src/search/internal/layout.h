#pragma once

#include <string_view>

// The index layout: term prefixes and value slots (docs/search.md describes them). Private
// to search/.
namespace tb::search::internal {

// Boolean terms (filters). Values are lower case except countries and codes.
inline constexpr std::string_view kIdPrefix = "Q";           // Q<notice id>: the unique term
inline constexpr std::string_view kAgencyPrefix = "XA";      // XA<folded agency key>
inline constexpr std::string_view kTypePrefix = "XT";        // XTrfq
inline constexpr std::string_view kCountryPrefix = "XK";     // XKKE (upper case)
inline constexpr std::string_view kRegionPrefix = "XR";      // XRafrica
inline constexpr std::string_view kCodePrefix = "XC";        // XC43, XC4321, XC432115, XC43211503
inline constexpr std::string_view kLanguagePrefix = "XL";    // XLen, XLund when unknown
inline constexpr std::string_view kLifecyclePrefix = "XN";   // XNactive, XNcancelled, ...
inline constexpr std::string_view kCurrencyPrefix = "XU";    // XUUSD (estimated value's currency)
inline constexpr std::string_view kSustainableTerm = "XSsustainable";
// Free-text title terms for title: searches and suggestions.
inline constexpr std::string_view kTitlePrefix = "S";

// Value slots.
inline constexpr unsigned kDeadlineSlot = 0;    // sortable_serialise(seconds); no deadline = kFar
inline constexpr unsigned kPublishedSlot = 1;   // sortable_serialise(seconds); none = -kFar
inline constexpr unsigned kValueSlot = 2;       // sortable_serialise(amount_minor)
// Slots 3-9 held the facet fields one by one; indexes built before the facet record (slot 10)
// still have them and FacetSpy reads them when a document has no record. No longer written.
inline constexpr unsigned kAgencySlot = 3;      // legacy facet: agency key as shown ("UNDP")
inline constexpr unsigned kTypeSlot = 4;        // legacy facet: type name
inline constexpr unsigned kCountriesSlot = 5;   // legacy facet: countries joined by kListSeparator
inline constexpr unsigned kRegionsSlot = 6;     // legacy facet: regions joined by kListSeparator
inline constexpr unsigned kSegmentsSlot = 7;    // legacy facet: 2-digit segments joined
inline constexpr unsigned kLanguageSlot = 8;    // legacy facet: title language ("und" when unknown)
inline constexpr unsigned kLifecycleSlot = 9;   // legacy: "1" when the notice's status is terminal
// Everything the facet counter reads, in one value so counting a match costs one value
// lookup instead of eight: deadline seconds (decimal), terminal ("1"/"0"), agency, type,
// language, countries, regions, segments, separated by kRecordSeparator (lists inside joined
// by kListSeparator).
inline constexpr unsigned kFacetRecordSlot = 10;
inline constexpr char kRecordSeparator = '\x1e';

inline constexpr char kListSeparator = '\x1f';
inline constexpr double kFar = 1e15;  // seconds; beyond any real date

// Field weights (wdf increments) of the relevance ranking: title > codes > description.
inline constexpr unsigned kTitleWeight = 5;
inline constexpr unsigned kCodeTitleWeight = 3;
inline constexpr unsigned kCodeTermWdf = 2;
inline constexpr unsigned kAgencyWeight = 2;
inline constexpr unsigned kDescriptionWeight = 1;
inline constexpr unsigned kLotWeight = 1;

// Description text stored in the document data for snippets, at most this many bytes.
inline constexpr std::size_t kStoredDescriptionBytes = 4000;

}  // namespace tb::search::internal
