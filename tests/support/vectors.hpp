// tests/support/vectors.hpp — loading vectors/*.json (tests only).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace test_support {

inline std::filesystem::path vectors_dir() { return std::filesystem::path(TLSWIRE_SOURCE_DIR) / "vectors"; }

inline nlohmann::json load_json(const std::filesystem::path& p) {
    std::ifstream f(p);
    return nlohmann::json::parse(f);
}

// Every vectors/<sub>/*.json file, sorted by name.
inline std::vector<std::filesystem::path> vector_files(const std::string& sub) {
    std::vector<std::filesystem::path> out;
    const auto dir = vectors_dir() / sub;
    if (!std::filesystem::exists(dir)) return out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace test_support
