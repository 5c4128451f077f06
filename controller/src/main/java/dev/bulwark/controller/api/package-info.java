/** The REST layer: the HTTPS server, NeuVector's error shape, strict JSON bodies, and list paging, filters and sort. */
package dev.bulwark.controller.api;
