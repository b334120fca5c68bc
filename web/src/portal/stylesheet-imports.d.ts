// The portal's entry imports its stylesheets for Vite to bundle; they export nothing.
declare module '*.css';
