// Markdown tables on stdout, so the output can be pasted into bench/README.md as is.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace openclaw::bench {

class Table {
 public:
  Table(std::string title, std::vector<std::string> columns)
      : title_(std::move(title)), columns_(std::move(columns)) {}

  void add(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  void print() const {
    std::printf("\n### %s\n\n", title_.c_str());
    printRow(columns_);
    std::string rule = "|";
    for (std::size_t i = 0; i < columns_.size(); ++i) rule += " --- |";
    std::printf("%s\n", rule.c_str());
    for (const auto& row : rows_) printRow(row);
    std::fflush(stdout);
  }

 private:
  static void printRow(const std::vector<std::string>& cells) {
    std::string line = "|";
    for (const std::string& cell : cells) line += " " + cell + " |";
    std::printf("%s\n", line.c_str());
  }

  std::string title_;
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace openclaw::bench
