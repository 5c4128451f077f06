/**
 * The manager: serves the web console (built from {@code manager/web} into this jar) over HTTPS and passes its
 * {@code /v1} calls to a controller, which is the only thing it talks to.
 */
package dev.bulwark.manager;
