/** Secret stores and project store preferences over HTTP. */
package org.lockbox.api.store;
