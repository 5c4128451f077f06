/**
 * The REST layer: the HTTPS server, NeuVector's error shape, strict JSON bodies, and list paging, filters and sort.
 * {@link dev.bulwark.controller.api.ForeignProtocol} lets another product's API (Harbor's scanner API) be served
 * beside NeuVector's with its own credential headers and error shape.
 */
package dev.bulwark.controller.api;
