/** Settings read by their configuration names outside the server: the environment, then the packaged defaults. */
package org.lockbox.config;
