/** Tests of {@code org.lifeboat.layout}. */
package org.lifeboat.repository;
