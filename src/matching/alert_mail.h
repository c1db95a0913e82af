#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/mailer.h"
#include "core/timestamp.h"
#include "matching/alert_store.h"

namespace tb::matching {

// One notice in an alert e-mail.
struct AlertMailItem {
  std::string title;
  std::string agency;
  std::optional<Timestamp> deadline;
  std::string url;  // the notice's page
  AlertReason reason = AlertReason::kProfile;
  std::string saved_search_name;  // for kSavedSearch
  std::string why;                // one line: "matches your code 26111600 Solar cells; words: solar"
};

// An alert e-mail (instant, daily or weekly) in the user's language (en, fr, es, zh, ar, ru;
// English otherwise): plain text and HTML (right-to-left for Arabic, every value escaped),
// the unsubscribe link in the body and in List-Unsubscribe.
auth::MailMessage AlertMail(std::string_view language, std::string_view to, std::string_view kind,
                            const std::vector<AlertMailItem>& items,
                            std::string_view unsubscribe_url, std::string_view settings_url);

// `text` with & < > " ' escaped for HTML.
std::string EscapeHtml(std::string_view text);

}  // namespace tb::matching
