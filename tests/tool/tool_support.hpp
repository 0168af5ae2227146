// tests/tool/tool_support.hpp — running the tlswire tool in-process for tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli.hpp"

namespace cli_test {

struct ran {
    int rc = -1;
    std::string out;
    std::string err;

    // lines — stdout as JSON Lines (each line must parse).
    [[nodiscard]] std::vector<nlohmann::json> lines() const {
        std::vector<nlohmann::json> v;
        std::istringstream s(out);
        for (std::string line; std::getline(s, line);)
            if (!line.empty()) v.push_back(nlohmann::json::parse(line));
        return v;
    }
};

inline ran tool(const std::vector<std::string>& args, const std::string& stdin_data = {},
                const tlswire::cli::hooks& h = {}) {
    std::vector<std::string_view> views(args.begin(), args.end());
    std::istringstream in(stdin_data);
    std::ostringstream out, err;
    ran r;
    r.rc = tlswire::cli::run(views, in, out, err, h);
    r.out = out.str();
    r.err = err.str();
    return r;
}

// A scratch file under the temp directory, removed when the test ends.
class temp_file {
public:
    temp_file(std::string_view name, const std::vector<std::uint8_t>& bytes) { init(name, bytes.data(), bytes.size()); }
    temp_file(std::string_view name, std::string_view text) {
        init(name, reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    ~temp_file() {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    [[nodiscard]] std::string path() const { return path_.string(); }

private:
    void init(std::string_view name, const std::uint8_t* data, std::size_t n) {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("tlswire_cli_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
                 std::string(name));
        std::ofstream f(path_, std::ios::binary);
        f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(n));
    }
    std::filesystem::path path_;
};

}  // namespace cli_test
