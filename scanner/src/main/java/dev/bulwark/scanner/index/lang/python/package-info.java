/** Python: installed distributions (dist-info, egg-info), poetry.lock, Pipfile.lock and pinned requirements. */
package dev.bulwark.scanner.index.lang.python;
