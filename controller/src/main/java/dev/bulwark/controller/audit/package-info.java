/** Events and REST activity records, kept in bounded rings as NeuVector keeps them, and listed with its query. */
package dev.bulwark.controller.audit;
