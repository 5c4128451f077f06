/** Ruby: installed gem specifications and {@code Gemfile.lock}. */
package dev.bulwark.scanner.index.lang.ruby;
