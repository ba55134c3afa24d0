/**
 * Tests of what ships for deployment: the Helm chart (rendered and linted by real Helm, the objects
 * parsed into the Kubernetes model), its values schema, environment-init, the Ansible playbooks
 * and the bundle's launcher.
 */
package org.lifeboat.deploy;
