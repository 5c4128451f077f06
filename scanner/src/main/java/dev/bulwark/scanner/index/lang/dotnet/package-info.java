/** .NET: {@code *.deps.json} of built applications and NuGet's {@code packages.lock.json}. */
package dev.bulwark.scanner.index.lang.dotnet;
