// Fixture for the layers.* tests: a folder above store/.
#include "store/database.h"
