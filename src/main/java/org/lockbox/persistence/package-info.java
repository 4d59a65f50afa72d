/** The database: schema migrations, its health, paged query results, and the operator tools' connection. */
package org.lockbox.persistence;
