/**
 * Actuator support: the {@code socketio} health indicator and the {@code socketio} endpoint.
 */
@NullMarked
package io.github.springsocketio.actuate;

import org.jspecify.annotations.NullMarked;
