#pragma once

#include <string>

#include "core/status.h"

namespace tb::app {

class Context;

// The events of the demo (docs/events.md): the 2024 seminar replayed with the fictional IPS
// instance (imported, scheduled, published) and an open fair with the demo officer and
// companies. Needs Context::OpenEventServices and the demo accounts (LoadDemoPeople).
// Idempotent: does nothing when an event exists.
Status LoadDemoEvents(Context& context, const std::string& data_dir);

}  // namespace tb::app
