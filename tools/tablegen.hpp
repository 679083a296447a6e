// r1tag_tablegen's shared pieces: C++ literals for generated code, and the plans of the catalogue's
// variants (plan_table.hpp's PlanRecords), which tablegen_plans.cpp computes with the engine.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <string>
#include <string_view>

namespace r1tag::tablegen {

// A string_view literal ("…"sv): its length is known at compile time, and the text stays in the binary.
std::string lit(std::string_view s);
// A double that reads back exactly.
std::string num(double d);
std::string boolean(bool b);

// The `k_plans` array of PlanRecords, one per variant the commands plan, and the arrays they point to.
std::string generate_plans(const Catalog& c);

}  // namespace r1tag::tablegen
