/** PHP: Composer's {@code vendor/composer/installed.json} and {@code composer.lock}. */
package dev.bulwark.scanner.index.lang.php;
