// Every model the machine holds: all local stores scanned, split sets gathered, and a file reachable from
// two stores (LM Studio linking into the Hugging Face cache) listed once. What `r1tag list` and
// `fit --installed` start from.
#pragma once

#include <r1tag/common/progress.hpp>
#include <r1tag/sources/installed_file.hpp>
#include <r1tag/sources/store_locations.hpp>

namespace r1tag {

// The stores of store_roots(variables), in its order; within a store, by name. `progress` (may be null)
// hears each folder as its walk begins (a store on a slow or network disk can take seconds).
StoreScan installed_models(const StoreVariables& variables, ProgressSink* progress = nullptr);

}  // namespace r1tag
