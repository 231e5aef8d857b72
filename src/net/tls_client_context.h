#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace openclaw::net {

// A TLS client context that verifies the peer against the system CA store, plus the PEM
// certificates in `extraCaFile` when one is given (e.g. a private CA or a self-signed server).
// Throws boost::system::system_error when `extraCaFile` cannot be loaded.
std::shared_ptr<boost::asio::ssl::context> makeTlsClientContext(
    const std::string& extraCaFile = "");

}  // namespace openclaw::net
