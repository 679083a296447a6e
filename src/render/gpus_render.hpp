// Rendering the hardware catalogue for `r1tag gpus`.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <string>
#include <vector>

namespace r1tag {

std::string render_gpus_text(const std::vector<const Device*>& devices);
std::string render_gpus_json(const std::vector<const Device*>& devices);

}  // namespace r1tag
