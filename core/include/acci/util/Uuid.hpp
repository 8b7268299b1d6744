#pragma once

#include <string>
#include <vector>

namespace acci::util {

// A random (version 4) UUID in canonical text form.
std::string newUuid();
// `count` of them, from one read of the system's random generator.
std::vector<std::string> newUuids(std::size_t count);

// A name-based (version 5, SHA-1) UUID: the same namespace and name always give the same id.
// Commands derive their events' ids this way, so a retried command appends nothing twice.
std::string nameUuid(const std::string& namespaceUuid, const std::string& name);

// True for canonical 8-4-4-4-12 hex text.
bool isUuid(const std::string& text);

} // namespace acci::util
