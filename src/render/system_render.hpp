// Rendering what machine detection found: `r1tag system` (text and JSON), the "detected:" line that opens
// `fit` and `explain` when no hardware flag is given, and the `detected` JSON object they share.
#pragma once

#include <r1tag/hardware/detected_hardware.hpp>

#include <string>

namespace r1tag {

class JsonWriter;

// One line, ending in a newline: "detected: NVIDIA GeForce RTX 4090 (23.2 of 24.0 GiB free); RAM …; CPU …".
std::string detected_line(const DetectedHardware& hardware);

std::string render_system_text(const DetectedHardware& hardware);
std::string render_system_json(const DetectedHardware& hardware);

// The documented `detected` object (docs/json-schema.md), written as the writer's next value.
void write_detected_json(JsonWriter& out, const DetectedHardware& hardware);

}  // namespace r1tag
