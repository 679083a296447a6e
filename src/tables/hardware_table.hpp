// Reading data/gpus.json (devices with memory and bandwidth) and data/speed_measurements.json
// (published decode speeds) and data/speed_calibration.json (the speed estimator's efficiency ranges) into
// the Catalog; part of the table loader.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include "tables/json_reader.hpp"

#include <vector>

namespace r1tag::detail {

std::vector<Device> read_devices(const JsonReader& r);
std::vector<SpeedMeasurement> read_speed_measurements(const JsonReader& r);
SpeedCalibration read_speed_calibration(const JsonReader& r);

}  // namespace r1tag::detail
