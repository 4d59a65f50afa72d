/** Key orders over HTTP. */
package org.lockbox.api.order;
