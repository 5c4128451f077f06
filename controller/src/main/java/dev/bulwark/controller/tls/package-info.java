/** TLS for the controller: an internal CA made on first start, and the server certificate it signs. */
package dev.bulwark.controller.tls;
