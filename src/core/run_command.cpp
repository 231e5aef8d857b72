#include "core/run_command.h"

#include "core/process_runner.h"

namespace openclaw::core {

CommandOutput runCommand(const std::vector<std::string>& argv) {
  ProcessSpec spec;
  spec.argv = argv;
  spec.outputLimit = 4 * 1024 * 1024;  // helper programs (systemctl, lsof) print little
  const ProcessResult result = runProcess(spec);
  if (!result.started) return {127, result.startError + "\n"};
  if (result.exitCode) return {*result.exitCode, result.output};
  return {128 + result.termSignal.value_or(0), result.output};
}

}  // namespace openclaw::core
