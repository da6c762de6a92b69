/**
 * The starter holds no code: it only brings WebFlux on Reactor Netty and the Socket.IO auto-configuration, so an
 * application adds a single dependency. This file keeps the jar from being empty.
 */
package io.github.springsocketio.starter;
