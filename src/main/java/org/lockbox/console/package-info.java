/** The admin console: static pages served from the WAR at /console with strict browser security headers. */
package org.lockbox.console;
