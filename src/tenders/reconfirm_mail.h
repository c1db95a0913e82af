#pragma once

#include <string_view>
#include <vector>

#include "auth/mailer.h"
#include "tenders/tender.h"
#include "tenders/tender_store.h"

// The e-mail that asks a bidder to re-confirm its bid after a substantive amendment (issue #6
// item 2, docs/bids.md "Re-confirmation"), in the six UN languages (en, fr, es, zh, ar, ru;
// another language tag gets English).
namespace tb::tenders {

auth::MailMessage ReconfirmMail(std::string_view language, std::string_view to,
                                const Tender& tender, const Amendment& amendment,
                                std::string_view base_url);

// Sends ReconfirmMail to every bidder user; a failed send is logged and does not fail the
// amendment (the in-app notification is already committed). Nothing is returned: the
// officer's answer must not depend on how many bidders there are (ET-03).
void SendReconfirmMails(auth::Mailer* mailer, const std::vector<BidderRecipient>& bidders,
                        const Tender& tender, const Amendment& amendment,
                        std::string_view base_url);

// `recipients` without the addresses in `bidders`, who get ReconfirmMail instead of the
// general amendment mail.
std::vector<Recipient> WithoutBidders(std::vector<Recipient> recipients,
                                      const std::vector<BidderRecipient>& bidders);

}  // namespace tb::tenders
