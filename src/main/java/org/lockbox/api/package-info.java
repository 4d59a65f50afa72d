/** The HTTP layer shared by every capability: the application, filters, error mapping, JSON binding, links and listing. */
package org.lockbox.api;
