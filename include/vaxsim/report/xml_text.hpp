#pragma once
// Text made safe for XML, and so for well-formed (XHTML-compatible) HTML and SVG.

#include <string>
#include <string_view>

namespace vaxsim::report {

/// `text` as XML character data, usable both between tags and inside a double- or single-quoted
/// attribute value: & < > " ' become &amp; &lt; &gt; &quot; &#39;. Bytes that are not valid UTF-8
/// and characters XML 1.0 does not allow (control characters other than tab, line feed and
/// carriage return; U+FFFE, U+FFFF) become U+FFFD, so the output always parses.
std::string xml_escape(std::string_view text);

}  // namespace vaxsim::report
