// Fixture for the layers.* tests: a store file that includes a folder above it.
#include "channels/channel.h"
#include "core/text.h"
#include "store/database.h"
