// Reading data/gpus.json (devices with memory and bandwidth) and data/speed_measurements.json
// (published decode speeds) into the Catalog; part of the table loader.
#pragma once

#include <r1tag/catalog.hpp>

#include "json_reader.hpp"

#include <vector>

namespace r1tag::detail {

std::vector<Device> read_devices(const JsonReader& r);
std::vector<SpeedMeasurement> read_speed_measurements(const JsonReader& r);

}  // namespace r1tag::detail
