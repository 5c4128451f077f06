/** Java archives: jar, war, ear and par files, nested archives included. */
package dev.bulwark.scanner.index.lang.java;
